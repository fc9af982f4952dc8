// Emulator module: user info, followers, remarks, blacklist.
import { defineModule } from '../context'

export const userModule = defineModule({
  name: 'user',
  routes() {},
})
