import type { LeafVocab } from './leaf-vocab.ts'
import { ACCESSORIES, JACKETS, KNITWEAR, RAINWEAR, TEES } from './vocab-apparel.ts'
import { AUDIO, CHARGING, PHONE_CASES } from './vocab-electronics.ts'
import { CHELSEA_BOOTS, HIKING_BOOTS, RUNNING, SNEAKERS } from './vocab-footwear.ts'
import { KITCHEN_TOOLS, PANS, POTS, TABLEWARE } from './vocab-home.ts'
import { BACKPACKS, HYDRATION, TENTS } from './vocab-outdoor.ts'
import { FRAGRANCE, HAIR_CARE, SKINCARE } from './vocab-beauty.ts'

/** Products are attached to leaves only; a leaf carries the vocabulary its products are built from. */
export type LeafNode = { readonly name: string; readonly description: string; readonly vocab: LeafVocab }
export type BranchNode = {
  readonly name: string
  readonly description: string
  readonly children: readonly CategoryNode[]
}
export type CategoryNode = LeafNode | BranchNode
/** Top-level category; `code` is the first SKU segment of its products. */
export type Department = BranchNode & { readonly code: string }

const leaf = (name: string, description: string, vocab: LeafVocab): LeafNode => ({ name, description, vocab })
const branch = (name: string, description: string, children: CategoryNode[]): BranchNode => ({
  name,
  description,
  children,
})

export const DEPARTMENTS: readonly Department[] = [
  {
    code: 'APP',
    ...branch('Apparel', 'Everyday clothing in natural and recycled fabrics, made to last.', [
      leaf('Knitwear', 'Sweaters and cardigans in merino, cashmere and cotton.', KNITWEAR),
      leaf('T-Shirts & Tops', 'Soft jersey tees and tops for every day.', TEES),
      branch('Outerwear', 'Coats and jackets for wind, rain and cold.', [
        leaf('Jackets', 'Insulated and lined jackets for cooler days.', JACKETS),
        leaf('Rain Jackets', 'Waterproof shells and raincoats with taped seams.', RAINWEAR),
      ]),
      leaf('Hats, Scarves & Gloves', 'Warm knitted accessories for winter.', ACCESSORIES),
    ]),
  },
  {
    code: 'FTW',
    ...branch('Footwear', 'Shoes and boots for the road, the trail and the city.', [
      leaf('Running Shoes', 'Cushioned shoes for road and trail running.', RUNNING),
      branch('Boots', 'Sturdy boots for hiking and everyday wear.', [
        leaf('Hiking Boots', 'Waterproof, supportive boots for the hills.', HIKING_BOOTS),
        leaf('Chelsea Boots', 'Pull-on leather and suede boots with a timeless shape.', CHELSEA_BOOTS),
      ]),
      leaf('Sneakers', 'Casual sneakers and trainers for every day.', SNEAKERS),
    ]),
  },
  {
    code: 'HOM',
    ...branch('Home & Kitchen', 'Cookware, tools and tableware for everyday cooking and eating.', [
      branch('Cookware', 'Pans and pots in cast iron, carbon steel and stainless steel.', [
        leaf('Pans & Skillets', 'Frying pans, skillets and woks for every hob.', PANS),
        leaf('Pots & Dutch Ovens', 'Casseroles, stockpots and saucepans for slow cooking.', POTS),
      ]),
      leaf('Kitchen Tools', 'Spatulas, boards, mills and other everyday utensils.', KITCHEN_TOOLS),
      leaf('Tableware', 'Plates, bowls and mugs in stoneware and porcelain.', TABLEWARE),
    ]),
  },
  {
    code: 'OUT',
    ...branch('Outdoor', 'Gear for camping, hiking and days outside.', [
      leaf('Tents', 'Backpacking and family tents for three and four seasons.', TENTS),
      leaf('Backpacks', 'Daypacks and rucksacks for trails and commutes.', BACKPACKS),
      leaf('Bottles & Flasks', 'Insulated and lightweight bottles for water and coffee.', HYDRATION),
    ]),
  },
  {
    code: 'ELE',
    ...branch('Electronics Accessories', 'Audio, charging and protection for your devices.', [
      leaf('Audio', 'Earbuds, headphones and portable speakers.', AUDIO),
      leaf('Chargers & Power Banks', 'Fast chargers, wireless pads and power banks.', CHARGING),
      leaf('Phone Cases', 'Slim, rugged and leather cases for popular phones.', PHONE_CASES),
    ]),
  },
  {
    code: 'BEA',
    ...branch('Beauty', 'Skincare, hair care and fragrance with clean ingredients.', [
      leaf('Skincare', 'Serums, moisturisers and cleansers for every skin type.', SKINCARE),
      leaf('Hair Care', 'Shampoos, conditioners and treatments.', HAIR_CARE),
      leaf('Fragrance', 'Eaux de parfum and colognes with natural essences.', FRAGRANCE),
    ]),
  },
]
