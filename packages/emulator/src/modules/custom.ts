// Emulator module: customer-service messages, typing, kf accounts.
import { defineModule } from '../context'

export const customModule = defineModule({
  name: 'custom',
  routes() {},
})
