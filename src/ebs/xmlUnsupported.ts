// Stands in for @alicloud/tea-xml (and the xmlbuilder, sax and xml2js it pulls in) in the bundle: the build aliases
// that package to this module (scripts/bundle-stubs.json). @alicloud/openapi-client reads XML only when an error
// answer (HTTP 4xx/5xx) is labelled `text/xml;charset=utf-8`, and writes it only for XML request bodies, which the
// client never sends; EBS answers JSON (docs/ebs-api.md, section Errors). So an XML answer means the endpoint is not
// an EBS endpoint (a proxy or another service): a catalogued error says so instead of parsing it.
// Pure (no vscode import).

import { EbsError } from './ebsError';

/** The catalogued code of an XML answer (entry in catalogueEntries.ts). */
export const XML_RESPONSE_CODE = 'XmlResponse';

/** `<Tag>value</Tag>` of a small XML error document, if present (the request ID helps support). */
function element(body: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]{1,200})</${tag}>`).exec(body);
  return match?.[1]?.trim() || undefined;
}

function xmlAnswer(body: unknown): EbsError {
  const text = typeof body === 'string' ? body : '';
  const code = element(text, 'Code');
  return new EbsError({
    code: XML_RESPONSE_CODE,
    message: `The endpoint answered in XML${code ? ` (error code ${code})` : ''}; EBS answers JSON.`,
    serverMessage: code,
    requestId: element(text, 'RequestId'),
    retryable: false,
  });
}

/** The class shape of @alicloud/tea-xml's default export. */
export default class XmlUnsupported {
  static parseXml(body: unknown): never {
    throw xmlAnswer(body);
  }

  static toXML(): never {
    throw new EbsError({ code: XML_RESPONSE_CODE, message: 'The client does not send XML request bodies.', retryable: false });
  }
}
