// `@wxmp/core/openapi`: running the account (quotas, rid look-up, network checks). A subpath so an
// app that never calls these bundles none of it; they need only the client, hence core.
export { clearQuota, clearQuotaByAppSecret, getApiQuota } from './openapi/quota'
export type { ApiQuota } from './openapi/quota'
export { getRidInfo } from './openapi/rid'
export type { RidInfo } from './openapi/rid'
export { getCallbackIps, getApiDomainIps, checkCallback } from './openapi/network'
export type { CallbackCheck, CallbackCheckAction, CallbackCheckOperator, CheckCallbackOptions } from './openapi/network'
