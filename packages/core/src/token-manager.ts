// The access token is one credential among others (JS-SDK tickets): the machinery lives in
// credential-cache.ts; this names it for the client.
export { CredentialCache as TokenManager, CredentialRejectedError } from './credential-cache'
export type { FetchedCredential as FetchedToken, CredentialCacheOptions as TokenManagerOptions } from './credential-cache'
