// Emulator module: mass messages.
import { defineModule } from '../context'

export const massModule = defineModule({
  name: 'mass',
  routes() {},
})
