// Emulator module: access tokens (classic and stable) and the token check middleware.
import { defineModule } from '../context'

export const tokenModule = defineModule({
  name: 'token',
  routes() {},
})
