// Emulator module: QR tickets and showqrcode.
import { defineModule } from '../context'

export const qrcodeModule = defineModule({
  name: 'qrcode',
  routes() {},
})
