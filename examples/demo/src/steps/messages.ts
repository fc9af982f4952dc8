import type { DemoStep } from '../context'

export const messagesStep: DemoStep = {
  title: 'Customer-service and mass messages',
  run: async ({ log }) => {
    log('not built yet')
  },
}
