// The types carry the design: an article is news (a cover) or newspic (images), never both; a
// publish status narrows on `state` to the fields that state has.
import { expectTypeOf, test } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import { addDraft, getPublishStatus, waitForPublish, type DraftArticle, type FinishedPublishStatus, type PublishStatus } from './index'

declare const wx: WeChatClient

test('a news article needs a cover; a newspic article takes images and no cover', () => {
  expectTypeOf<{ title: string; content: string; thumbMediaId: string }>().toMatchTypeOf<DraftArticle>()
  expectTypeOf<{ type: 'newspic'; title: string; content: string; imageMediaIds: string[] }>().toMatchTypeOf<DraftArticle>()
  // @ts-expect-error no cover
  void addDraft(wx, [{ title: 't', content: 'c' }])
  // @ts-expect-error a newspic article has no thumbMediaId
  void addDraft(wx, [{ type: 'newspic', title: 't', content: 'c', imageMediaIds: ['i'], thumbMediaId: 'x' }])
})

test('a status narrows on state', async () => {
  const s = await getPublishStatus(wx, '1')
  expectTypeOf(s).toEqualTypeOf<PublishStatus>()
  if (s.state === 'published') expectTypeOf(s.articles[0]!.url).toEqualTypeOf<string>()
  if (s.state === 'review-failed') expectTypeOf(s.failIdx).toEqualTypeOf<readonly number[]>()
  // @ts-expect-error only a finished job has failIdx, and only a failed one
  void s.failIdx
  expectTypeOf(await waitForPublish(wx, '1')).toEqualTypeOf<FinishedPublishStatus>()
  expectTypeOf((await waitForPublish(wx, '1')).state).not.toEqualTypeOf<PublishStatus['state']>()
})
