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

export const modules: readonly EmulatorModule[] = [
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
]
