// @wxmp/jssdk: the jsapi_ticket (cached and shared like the access token) and wx.config signatures.
export { signJsApiConfig } from './sign'
export type { JsApiSignInput } from './sign'
export { getJsApiTicket, invalidateJsApiTicket } from './ticket'
export type { GetJsApiTicketOptions, TicketType } from './ticket'
export { createJsApiConfig } from './config'
export type { CreateJsApiConfigOptions, JsApiConfig } from './config'
