// From a route as Django's resolver holds it (include() prefixes and the final pattern, each a
// path() route or a re_path() regex) to a request path for the mix: parameters get an example
// value, so `books/<int:id>/` becomes `/books/1/`, which the user can correct in the file.

export interface RoutePiece {
  type: 'route' | 'regex';
  text: string;
  /** path() converters by parameter name: the class name and its regex. */
  converters: Record<string, { cls: string; regex: string }>;
}

export interface DjangoRoute {
  pieces: RoutePiece[];
  name: string | null;
  namespace: string;
  /** module.function of the view, e.g. django.views.static.serve. */
  view: string;
}

export interface RoutePath {
  /** The request path: literal, or with example values for the parameters. */
  path: string;
  /** Whether the route has parameters (then `path` holds example values). */
  parametrised: boolean;
  /** Set when no example could be made (a regex leaklab cannot read): the route as written. */
  unreadable?: string;
}

const EXAMPLE_BY_CONVERTER: Record<string, string> = {
  IntConverter: '1',
  StringConverter: 'example',
  SlugConverter: 'example',
  PathConverter: 'example',
  UUIDConverter: '123e4567-e89b-12d3-a456-426614174000',
};

/** An example value for a path() parameter; a custom converter gets one from its regex. */
export function converterExample(converter: { cls: string; regex: string } | undefined): string {
  if (!converter) return 'example';
  return EXAMPLE_BY_CONVERTER[converter.cls] ?? exampleForRegex(converter.regex);
}

/** A value a regex fragment likely matches: digits when it asks for digits, else a word. */
export function exampleForRegex(fragment: string): string {
  if (/\\d|\[0-9\]|\[\\d\]/.test(fragment) && !/[a-zA-Z]-[a-zA-Z]|\\w/.test(fragment)) {
    // A fixed width ([0-9]{4}, a year) needs that many digits.
    const width = /\{(\d+)(?:,\d*)?\}/.exec(fragment);
    return width?.[1] ? '1'.padStart(Number(width[1]), '0') : '1';
  }
  return 'example';
}

function routeText(piece: RoutePiece): { text: string; parametrised: boolean } {
  let parametrised = false;
  const text = piece.text.replace(/<(?:(\w+):)?(\w+)>/g, (_m, _conv: string | undefined, name: string) => {
    parametrised = true;
    return converterExample(piece.converters[name]);
  });
  return { text, parametrised };
}

/** A re_path() regex as a literal path, or null when it holds more than groups, anchors and escapes. */
function regexText(piece: RoutePiece): { text: string; parametrised: boolean } | null {
  let parametrised = false;
  let text = piece.text
    .replace(/^\^/, '')
    .replace(/^\\A/, '')
    .replace(/(\$|\\Z)$/, '');
  // Groups, named or not, one level deep: an example value each.
  text = text.replace(/\((?:\?P<\w+>)?([^()]*)\)/g, (_m, inner: string) => {
    parametrised = true;
    return exampleForRegex(inner);
  });
  text = text.replace(/\\([./\-_~])/g, '$1');
  // An unescaped "." matches any character, itself included: kept as a literal.
  if (/[\\^$*+?()[\]{}|]/.test(text)) return null;
  return { text, parametrised };
}

export function routePath(route: DjangoRoute): RoutePath {
  let path = '';
  let parametrised = false;
  for (const piece of route.pieces) {
    const part = piece.type === 'route' ? routeText(piece) : regexText(piece);
    if (part === null) {
      return {
        path: `/${route.pieces.map((p) => p.text.replace(/^\^/, '')).join('')}`,
        parametrised: true,
        unreadable: 'a regex',
      };
    }
    path += part.text;
    parametrised ||= part.parametrised;
  }
  return { path: `/${path}`.replace(/\/{2,}/g, '/'), parametrised };
}

/** Routes leaklab should not storm by default: the admin site, static and media files. */
export function routeKind(
  route: DjangoRoute,
  path: string,
  prefixes: { staticUrl: string | null; mediaUrl: string | null },
): 'admin' | 'static' | 'app' {
  if (route.namespace.split(':').includes('admin') || path.startsWith('/admin/')) return 'admin';
  if (/^django\.(views\.static|contrib\.staticfiles)\./.test(route.view)) return 'static';
  for (const prefix of [prefixes.staticUrl, prefixes.mediaUrl]) {
    if (prefix?.startsWith('/') && prefix !== '/' && path.startsWith(prefix)) return 'static';
  }
  return 'app';
}
