import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

export default defineConfig(
  preset({
    entry: { index: 'src/index.ts', errcodes: 'src/errcodes.ts', validate: 'src/validate.ts', openapi: 'src/openapi.ts' },
    inlineForCjs: ['ky'],
  }),
)
