/** The kinds of data system a deployment declares (`type` in `dsr:connectors`). */
export const CONNECTOR_TYPES = ['dynamodb', 's3', 'http', 'lambda'] as const;

/**
 * Whether a system does an operation itself (`auto`), by the DPO's hand (`manual`), or has
 * nothing it applies to (`not_applicable`: no attribute to correct, no flag to set).
 */
export const CAPABILITIES = ['auto', 'manual', 'not_applicable'] as const;
export type Capability = (typeof CAPABILITIES)[number];
