import { redactCredentials } from './url-credentials';

describe('redactCredentials', () => {
  it('masks the password of a URL, keeping the user', () => {
    expect(redactCredentials('http://user:secret@prom:9090')).toBe('http://user:***@prom:9090');
    expect(redactCredentials('postgres://app:s3cr%40t@db:5432/neuralops')).toBe('postgres://app:***@db:5432/neuralops');
    expect(redactCredentials('https://u:p@host/path?q=a@b#f')).toBe('https://u:***@host/path?q=a@b#f');
  });

  it('masks a user without a password (it may be a token) and passwords holding an unescaped @', () => {
    expect(redactCredentials('https://ghp_token123@gateway.example/v1')).toBe('https://***@gateway.example/v1');
    expect(redactCredentials('postgres://app:p@ss@word@db/x')).toBe('postgres://app:***@db/x');
  });

  it('masks every URL inside a longer text and leaves the rest alone', () => {
    const text = 'Prometheus at http://a:one@p:9090 is unreachable; Request cannot be constructed from a URL that includes credentials: "http://b:two@o/v1/embeddings"';
    expect(redactCredentials(text)).toBe(
      'Prometheus at http://a:***@p:9090 is unreachable; Request cannot be constructed from a URL that includes credentials: "http://b:***@o/v1/embeddings"',
    );
    expect(redactCredentials('{"url":"http://a:one@p:9090","contact":"ops@example.com"}')).toBe('{"url":"http://a:***@p:9090","contact":"ops@example.com"}');
  });

  it('leaves URLs without credentials, mail addresses and masked URLs as they are', () => {
    for (const text of ['http://prom:9090/api/v1/query', 'mail ops@example.com', 'see http://host/a@b', 'http://user:***@prom:9090', 'https://***@x/y', '']) {
      expect(redactCredentials(text)).toBe(text);
    }
  });
});
