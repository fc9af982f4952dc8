// Emulator module: the draft box (草稿箱) and publishing (发布能力). A draft box per app; publish
// jobs that end on the emulator clock (success, original-check failure, failure, review refusal, as
// a test chooses) and push PUBLISHJOBFINISH; published articles with stable ids and URLs; 48001 for
// an account without the permission. A draft leaves the box once published or mass-sent.
import { defineModule } from '../../context'
import { draftRoutes } from './drafts'
import { freepublishRoutes } from './freepublish'
import { publishControl } from './control'

export { draftArticleCount, isDraft, removeDraft } from './state'

export const publishModule = defineModule({
  name: 'publish',
  routes(app, emu) {
    draftRoutes(app, emu)
    freepublishRoutes(app, emu)
  },
  control: publishControl,
})
