/**
 * The closed MDX vocabulary: the only components a chapter may use. The component map in components/mdx must
 * provide exactly these names (a content test checks both directions); the compile step rejects anything else.
 */
export const MDX_COMPONENTS = [
  'Callout',
  'Equation',
  'EqRef',
  'Figure',
  'FigRef',
  'Cite',
  'Recap',
  'LiveFigure',
  'Predict',
  'Value',
] as const;

/**
 * How `<Value>` writes a metric: `fixed` (the default: `digits` decimals), `percent` (× 100, with %), `times` (a ratio,
 * with ×), `integer` (rounded, with thousands separators).
 */
export const VALUE_FORMATS: readonly string[] = ['fixed', 'percent', 'times', 'integer'];

export type MdxComponentName = (typeof MDX_COMPONENTS)[number];
