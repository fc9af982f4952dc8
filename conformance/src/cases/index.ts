// Every conformance case, by data entry id.
import type { Cases } from './types'
import { groupsCases, tokenCases, userCases } from './basics'
import { customCases, massCases } from './messages'
import { jssdkCases, mediaCases, oauthCases, qrcodeCases, templateCases } from './assets'
import { publishCases } from './publish'

import { menuCases } from './menu'

import { subscribeCases } from './subscribe'
import { openapiCases } from './openapi'
import { kfSessionCases } from './kfsession'
import { templateCurrentCases } from './template-current'

export const cases: Cases = {
  ...tokenCases,
  ...userCases,
  ...groupsCases,
  ...customCases,
  ...massCases,
  ...mediaCases,
  ...qrcodeCases,
  ...templateCases,
  ...subscribeCases,
  ...oauthCases,
  ...jssdkCases,
  ...publishCases,
  ...menuCases,
  ...openapiCases,
  ...kfSessionCases,
  ...templateCurrentCases,
}
