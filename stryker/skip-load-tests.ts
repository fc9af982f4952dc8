// Mutation runs only: skips the load tests (1,000 concurrent calls), each 15-30 s on a shared
// machine. Every surviving mutant of the transport and the credential cache would run them all,
// which made a core run take hours. The single-flight they prove is pinned by the 50-call tests in
// packages/core/test/token-refresh-rules.test.ts, which do run.
import { beforeEach } from 'vitest'

const LOAD_TEST = /\b1,000 concurrent calls\b/

beforeEach((context) => {
  if (LOAD_TEST.test(context.task.name)) context.skip()
})
