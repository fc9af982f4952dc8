import { describe, expectTypeOf, it } from 'vitest'
import type { WeChatClient } from '@wxmp/core'
import {
  addMaterial,
  getMaterial,
  listMaterials,
  iterateMaterials,
  downloadTemporaryMedia,
  type FileMaterialItem,
  type NewsMaterialItem,
  type MediaFile,
  type VideoMediaUrl,
  type MaterialPage,
} from './index'

declare const wx: WeChatClient

describe('types', () => {
  it('narrows a temporary download by kind', async () => {
    const media = await downloadTemporaryMedia(wx, 'id')
    if (media.kind === 'video') expectTypeOf(media).toEqualTypeOf<VideoMediaUrl>()
    else expectTypeOf(media).toEqualTypeOf<MediaFile>()
  })

  it('narrows a material by kind', async () => {
    const material = await getMaterial(wx, 'id')
    if (material.kind === 'news') expectTypeOf(material.articles[0]?.title).toEqualTypeOf<string | undefined>()
    if (material.kind === 'video') expectTypeOf(material.downUrl).toEqualTypeOf<string>()
  })

  it('types list items by the kind asked for', () => {
    expectTypeOf(listMaterials(wx, 'news')).resolves.toEqualTypeOf<MaterialPage<NewsMaterialItem>>()
    expectTypeOf(listMaterials(wx, 'image')).resolves.toEqualTypeOf<MaterialPage<FileMaterialItem>>()
    expectTypeOf(iterateMaterials(wx, 'video')).toEqualTypeOf<AsyncGenerator<FileMaterialItem, void, undefined>>()
  })

  it('requires a title and introduction for a video material', () => {
    // @ts-expect-error video needs { title, introduction }
    void addMaterial(wx, 'video', new Blob([]))
    void addMaterial(wx, 'video', new Blob([]), { title: 't', introduction: 'i' })
    void addMaterial(wx, 'image', new Blob([]))
  })
})
