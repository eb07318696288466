/** Size and shape limits applied before any XML parser sees a message. */
export interface XmlLimits {
  /** Largest decoded (and, for Redirect, inflated) message in bytes. */
  maxBytes: number;
  /** Deepest element nesting accepted; real SAML responses stay under 20. */
  maxDepth: number;
}

export const defaultXmlLimits: XmlLimits = {
  maxBytes: 512 * 1024,
  maxDepth: 64,
};
