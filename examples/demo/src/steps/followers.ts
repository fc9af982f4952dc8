import type { DemoStep } from '../context'

export const followersStep: DemoStep = {
  title: 'Followers, tags and user info',
  run: async ({ log }) => {
    log('not built yet')
  },
}
