// Emulator module: template messages and management.
import { defineModule } from '../context'

export const templateModule = defineModule({
  name: 'template',
  routes() {},
})
