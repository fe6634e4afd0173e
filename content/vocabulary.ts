/**
 * The closed MDX vocabulary: the only components a chapter may use. The component map in components/mdx must
 * provide exactly these names (a content test checks both directions); the compile step rejects anything else.
 */
export const MDX_COMPONENTS = ['Callout', 'Equation', 'EqRef', 'Figure', 'FigRef', 'Cite', 'Recap', 'LiveFigure', 'Predict'] as const;

export type MdxComponentName = (typeof MDX_COMPONENTS)[number];
