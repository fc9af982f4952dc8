import type { DemoStep } from '../context'

export const oauthStep: DemoStep = {
  title: 'OAuth web login URL and signed state',
  run: async ({ log }) => {
    log('not built yet')
  },
}
