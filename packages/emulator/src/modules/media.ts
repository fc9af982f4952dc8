// Emulator module: temporary media and permanent materials.
import { defineModule } from '../context'

export const mediaModule = defineModule({
  name: 'media',
  routes() {},
})
