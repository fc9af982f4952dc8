// Emulator module: temporary media, article images, news and permanent materials. Files are kept
// in memory per app; temporary media expire 3 days after upload on the emulator clock (40007).
import { defineModule } from '../../context'
import { temporaryRoutes } from './temporary'
import { materialRoutes } from './materials'
import { newsRoutes } from './news'
import { mediaControl } from './control'

export { lookupMedia, mediaOf } from './store'

export const mediaModule = defineModule({
  name: 'media',
  routes(hono, emu) {
    temporaryRoutes(hono, emu)
    materialRoutes(hono, emu)
    newsRoutes(hono, emu)
  },
  control: mediaControl,
})
