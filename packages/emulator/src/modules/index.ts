// Every slice of WeChat the emulator serves. Each module owns a folder under modules/ (index.ts).
import type { EmulatorModule } from '../context'
import { tokenModule } from './token'
import { platformModule } from './platform'
import { userModule } from './user'
import { groupsModule } from './groups'
import { customModule } from './custom'
import { massModule } from './mass'
import { mediaModule } from './media'
import { massVideoModule } from './mass-video'
import { qrcodeModule } from './qrcode'
import { templateModule } from './template'
import { oauthModule } from './oauth'
import { jssdkModule } from './jssdk'
import { pushModule } from './push'
import { kfSessionModule } from './kfsession'
import { publishModule } from './publish/index'
import { menuModule } from './menu'
import { subscribeModule } from './subscribe/module'
import { openapiModule } from './openapi/module'
import { migrationModule } from './migration/module'

export const modules: readonly EmulatorModule[] = [
  // First: its middleware records every errcode answer's rid, so it must wrap the other routes.
  openapiModule,
  tokenModule,
  platformModule,
  userModule,
  groupsModule,
  customModule,
  massModule,
  mediaModule,
  massVideoModule,
  qrcodeModule,
  templateModule,
  oauthModule,
  jssdkModule,
  pushModule,
  kfSessionModule,
  publishModule,
  menuModule,
  subscribeModule,
  migrationModule,
]
