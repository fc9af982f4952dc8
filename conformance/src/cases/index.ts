// Every conformance case, by data entry id.
import type { Cases } from './types'
import { groupsCases, tokenCases, userCases } from './basics'
import { customCases, massCases } from './messages'
import { jssdkCases, mediaCases, oauthCases, qrcodeCases, templateCases } from './assets'
import { publishCases } from './publish'

import { menuCases } from './menu'

export const cases: Cases = { ...tokenCases, ...userCases, ...groupsCases, ...customCases, ...massCases, ...mediaCases, ...qrcodeCases, ...templateCases, ...oauthCases, ...jssdkCases, ...publishCases, ...menuCases }
