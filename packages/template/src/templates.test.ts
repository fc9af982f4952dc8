import { describe, expect, it } from 'vitest'
import { createClient } from '@wxmp/core'
import { startEmulator } from '@wxmp/emulator'
import { addTemplate, deleteTemplate, listTemplates, TEMPLATE_LIMIT } from './index'
import { useEmulator } from '../../../test-support/emulator'

const { emu, wx } = useEmulator()
const adds = async () => (await emu.control.counters())['path:/cgi-bin/template/api_add_template'] ?? 0

describe('addTemplate and listTemplates', () => {
  it('adds a category template with the keywords named, in their order, and lists its keys', async () => {
    const templateId = await addTemplate(wx, '43216', { keywordNames: ['发货时间', '商品名称'] })
    const listed = (await listTemplates(wx)).find((t) => t.templateId === templateId)
    expect(listed).toMatchObject({ title: '订单发货提醒', primaryIndustry: 'IT科技', keys: ['time4', 'thing1'] })
    expect(listed!.content).toBe('发货时间:{{time4.DATA}}\n商品名称:{{thing1.DATA}}')
  })

  it('adds a legacy template without keyword names', async () => {
    const templateId = await addTemplate(wx, 'OPENTM207498902')
    const listed = (await listTemplates(wx)).find((t) => t.templateId === templateId)
    expect(listed?.keys).toEqual(['first', 'keyword1', 'keyword2', 'remark'])
  })

  // api_addtemplate: 40246 when keyword_name_list is empty or names a keyword the template lacks.
  // https://developers.weixin.qq.com/doc/service/api/notify/template/api_addtemplate
  it('refuses a category template without keyword names before any request', async () => {
    const before = await adds()
    await expect(addTemplate(wx, '43216')).rejects.toThrow(
      new TypeError("keywordNames must name the keywords of category template 43216, in order (e.g. ['商品名称', '发货时间'])"),
    )
    expect(await adds()).toBe(before)
  })

  it('fails with 40246 for a keyword name the template does not have', async () => {
    await expect(addTemplate(wx, '43216', { keywordNames: ['商品名称', '没有这个关键词'] })).rejects.toMatchObject({ errcode: 40246 })
  })

  it('fails with 40037 for a number not in the library', async () => {
    await expect(addTemplate(wx, 'NO_SUCH_TEMPLATE')).rejects.toMatchObject({ errcode: 40037 })
  })

  it('fails with 45026 once the account holds 25 templates', async () => {
    const own = await startEmulator({ port: 0 })
    try {
      const client = createClient({ appId: own.appId, appSecret: own.appSecret, baseUrl: own.url })
      for (let i = 0; i < TEMPLATE_LIMIT; i++) await addTemplate(client, 'TM00015')
      await expect(addTemplate(client, 'TM00015')).rejects.toMatchObject({ errcode: 45026 })
      expect(await listTemplates(client)).toHaveLength(TEMPLATE_LIMIT)
    } finally {
      await own.close()
    }
  })

  it('refuses a bad short id or keyword list before any request', async () => {
    const before = await adds()
    await expect(addTemplate(wx, '')).rejects.toThrow('shortId must not be empty')
    await expect(addTemplate(wx, '43216', { keywordNames: [] })).rejects.toThrow('keywordNames must not be empty')
    await expect(addTemplate(wx, '43216', { keywordNames: ['商品名称', ''] })).rejects.toThrow('keywordNames[1] must not be empty')
    expect(await adds()).toBe(before)
  })
})

describe('deleteTemplate', () => {
  it('removes the template from the list', async () => {
    const templateId = await addTemplate(wx, 'TM00015')
    await deleteTemplate(wx, templateId)
    expect((await listTemplates(wx)).map((t) => t.templateId)).not.toContain(templateId)
  })

  it('fails with 40037 for a template the account does not have', async () => {
    await expect(deleteTemplate(wx, 'not-a-template')).rejects.toMatchObject({ errcode: 40037 })
  })

  it('refuses an empty template id before any request', async () => {
    await expect(deleteTemplate(wx, '')).rejects.toThrow(new RangeError('templateId must not be empty'))
  })
})
