// Emulator module: legacy groups and user tags.
import { defineModule } from '../context'

export const groupsModule = defineModule({
  name: 'groups',
  routes() {},
})
