// Emulator module: OAuth consent page and sns endpoints.
import { defineModule } from '../context'

export const oauthModule = defineModule({
  name: 'oauth',
  routes() {},
})
