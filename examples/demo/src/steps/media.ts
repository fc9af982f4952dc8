import type { DemoStep } from '../context'

export const mediaStep: DemoStep = {
  title: 'Upload, send and download media',
  run: async ({ log }) => {
    log('not built yet')
  },
}
