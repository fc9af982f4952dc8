// Followers, tags and user info: list the first page of followers, tag a few, show one's info.
import { createTag, deleteTag, iterateTagUsers, tagUsers } from '@wxmp/groups'
import { getUserInfo, listFollowers } from '@wxmp/user'
import type { DemoStep } from '../context'

export const followersStep: DemoStep = {
  title: 'Followers, tags and user info',
  run: async ({ wx, log }) => {
    const page = await listFollowers(wx)
    log(`${page.total} followers; the first page holds ${page.count}: ${page.openids.slice(0, 3).join(', ')}, …`)
    const some = page.openids.slice(0, 3)
    if (some.length === 0) return log('no followers to tag')

    const tag = await createTag(wx, 'demo-新朋友')
    try {
      await tagUsers(wx, some, tag.id)
      const tagged: string[] = []
      for await (const openid of iterateTagUsers(wx, tag.id)) tagged.push(openid)
      log(`created tag "${tag.name}" (id ${tag.id}) and tagged ${tagged.length} of them`)

      const user = await getUserInfo(wx, some[0] as string, { lang: 'en' })
      if (user.subscribed) {
        const since = new Date(user.subscribeTime * 1000).toISOString().slice(0, 10)
        log(
          `user info of ${user.openid}: following since ${since} via ${user.subscribeScene}, language ${user.language}, tags [${user.tagIds.join(', ')}], group ${user.groupId}`,
        )
      } else {
        log(`${user.openid} no longer follows the account`)
      }
    } finally {
      // Leave the account as it was (a second run would otherwise meet its own tag name: 45157).
      await deleteTag(wx, tag.id)
    }
    log(`deleted tag ${tag.id} again`)
  },
}
