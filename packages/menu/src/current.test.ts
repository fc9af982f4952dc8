// getCurrentMenuInfo: the live menu, set through the API or in the admin console.
// https://developers.weixin.qq.com/doc/service/api/custommenu/api_getcurrentselfmenuinfo
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type WeChatClient } from '@wxmp/core'
import { startEmulator, type Emulator } from '@wxmp/emulator'
import { createMenu, getCurrentMenuInfo } from './index'

let emu: Emulator
let wx: WeChatClient

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  wx = createClient({ appId: emu.appId, appSecret: emu.appSecret, baseUrl: emu.url })
})
afterAll(() => emu.close())

describe('getCurrentMenuInfo', () => {
  it('says the menu is off when there is none', async () => {
    expect(await getCurrentMenuInfo(wx)).toEqual({ isMenuOpen: false, buttons: [] })
  })

  it('shows a menu set through the API in our button shapes', async () => {
    const buttons = [
      { type: 'click', name: 'Today', key: 'TODAY' },
      {
        name: 'More',
        subButtons: [
          { type: 'view', name: 'Site', url: 'https://example.com/' },
          { type: 'media_id', name: 'Pic', mediaId: 'MEDIA_1' },
        ],
      },
    ] as const
    await createMenu(wx, { buttons })
    expect(await getCurrentMenuInfo(wx)).toEqual({ isMenuOpen: true, buttons })
  })

  it("maps a console menu's text, img, video and news buttons, news articles included", async () => {
    await emu.control.setConsoleMenu({
      button: [
        { type: 'text', name: 'Hello', value: 'hello there' },
        { type: 'img', name: 'Poster', value: 'XPKPTYYg0nUJK4sUTrgX6Z5sjOB8Uqn3RZg6h5ISGKc' },
        {
          name: 'More',
          sub_button: {
            list: [
              { type: 'video', name: 'Clip', value: 'http://wxsnsdy.wxs.qpic.cn/clip.mp4' },
              {
                type: 'news',
                name: 'Story',
                value: 'KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o',
                news_info: {
                  list: [
                    {
                      title: 'MULTI_NEWS',
                      author: 'JIMZHENG',
                      digest: 'text',
                      show_cover: 0,
                      cover_url: 'http://mmbiz.qpic.cn/c',
                      content_url: 'http://mp.weixin.qq.com/s?x',
                      source_url: '',
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    })
    expect(await getCurrentMenuInfo(wx)).toEqual({
      isMenuOpen: true,
      buttons: [
        { type: 'text', name: 'Hello', text: 'hello there' },
        { type: 'img', name: 'Poster', mediaId: 'XPKPTYYg0nUJK4sUTrgX6Z5sjOB8Uqn3RZg6h5ISGKc' },
        {
          name: 'More',
          subButtons: [
            { type: 'video', name: 'Clip', url: 'http://wxsnsdy.wxs.qpic.cn/clip.mp4' },
            {
              type: 'news',
              name: 'Story',
              mediaId: 'KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o',
              articles: [
                {
                  title: 'MULTI_NEWS',
                  author: 'JIMZHENG',
                  digest: 'text',
                  showCover: false,
                  coverUrl: 'http://mmbiz.qpic.cn/c',
                  contentUrl: 'http://mp.weixin.qq.com/s?x',
                  sourceUrl: '',
                },
              ],
            },
          ],
        },
      ],
    })
  })
})
