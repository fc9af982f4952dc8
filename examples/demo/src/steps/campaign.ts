import type { DemoStep } from '../context'

export const campaignStep: DemoStep = {
  title: 'Campaign QR code and template notification',
  run: async ({ log }) => {
    log('not built yet')
  },
}
