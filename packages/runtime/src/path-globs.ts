/**
 * Glob patterns for folder ingest (`--include '**\/*.html' --exclude 'drafts/**'`): `**` any number
 * of folders, `*` and `?` within one name, `{a,b}` alternatives, `[abc]` classes. Patterns without a
 * slash match a file name in any folder, as in .gitignore.
 */
export function globToRegExp(pattern: string): RegExp {
  const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  // As in .gitignore, a slash at the start or in the middle anchors the pattern to the folder; a
  // trailing slash alone ("drafts/") names a folder at any depth.
  const anchored = p.replace(/\/$/, '').includes('/') ? p.replace(/^\//, '') : `**/${p}`;
  let re = '';
  for (let i = 0; i < anchored.length; i++) {
    const c = anchored[i] as string;
    if (c === '*') {
      if (anchored[i + 1] === '*') {
        const slash = anchored[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = anchored.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${anchored
          .slice(i + 1, end)
          .split(',')
          .map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = anchored.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += `[${anchored.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function matchesAny(relativePath: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(relativePath));
}
