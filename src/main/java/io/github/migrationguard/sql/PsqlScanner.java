package io.github.migrationguard.sql;

import java.util.List;

/**
 * Hand-written scanner that follows the token rules psql uses to find statement boundaries (psqlscan.l) with
 * {@code standard_conforming_strings = on}. It hands out one {@link Token} at a time (comments included) so that the
 * statement splitter can stop, skip COPY data and resume. Positions handed in and out are absolute offsets into the
 * analysed text; the chars of the scanned range are copied once into a private array.
 */
final class PsqlScanner {

    private static final byte IDENT_START = 1;
    private static final byte IDENT_CONT = 2;
    private static final byte OP_CHAR = 4;
    private static final byte VAR_CHAR = 8;
    private static final byte DIGIT = 16;
    private static final byte SPACE = 32;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= IDENT_START | IDENT_CONT | VAR_CHAR;
            CLASS[Character.toUpperCase(c)] |= IDENT_START | IDENT_CONT | VAR_CHAR;
        }
        CLASS['_'] |= IDENT_START | IDENT_CONT | VAR_CHAR;
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] |= IDENT_CONT | VAR_CHAR | DIGIT;
        }
        CLASS['$'] |= IDENT_CONT;
        for (char c : "~!@#^&|`?+-*/%<>=".toCharArray()) {
            CLASS[c] |= OP_CHAR;
        }
        for (char c : " \t\n\r\f\u000B".toCharArray()) {
            CLASS[c] |= SPACE;
        }
    }

    private enum Quote { PLAIN, ESCAPE, NO_DOUBLING }

    private final String text;
    private final char[] buf;
    private final int base;
    private final int length;
    private final List<LexProblem> problems;
    /** Relative index of the next char to scan. */
    private int pos;
    /** Relative index where scanning stops (lowered temporarily by the splitter around COPY data). */
    private int limit;
    /** The last string token was an escape string: a quote after whitespace holding a newline continues it. */
    private boolean escapeContinues;
    private boolean newlineSinceString;
    private static final int WORD_CACHE_SIZE = 256;
    private final String[] wordTexts = new String[WORD_CACHE_SIZE];
    private final String[] wordValues = new String[WORD_CACHE_SIZE];
    /** Shared strings for one-char tokens. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ONE_CHAR[c] = String.valueOf(c).intern();
        }
    }

    PsqlScanner(String text, int from, int to, List<LexProblem> problems) {
        this.text = text;
        this.base = from;
        this.length = to - from;
        this.buf = new char[length];
        text.getChars(from, to, buf, 0);
        this.problems = problems;
        this.pos = 0;
        this.limit = length;
    }

    /** Absolute offset of the next char to scan. */
    int position() {
        return base + pos;
    }

    /** Continues scanning at absolute offset {@code absolute}. */
    void seek(int absolute) {
        pos = absolute - base;
        escapeContinues = false;
    }

    /** Stops scanning at absolute offset {@code absolute} until {@link #clearLimit()}. */
    void limit(int absolute) {
        limit = Math.min(length, absolute - base);
    }

    void clearLimit() {
        limit = length;
    }

    /** Absolute offset just past the next {@code \n} at or after {@code absolute}, or the end of the range. */
    int nextLineStart(int absolute) {
        final char[] b = buf;
        for (int i = absolute - base; i < length; i++) {
            if (b[i] == '\n') {
                return base + i + 1;
            }
        }
        return base + length;
    }

    /**
     * Finds the end of COPY data that starts at absolute offset {@code absolute}: the offset just past the first line
     * that is exactly {@code \.} (a trailing {@code \r} allowed), or -1 when the range ends first. Lines are split on
     * {@code \n} only, as psql reads them.
     */
    int copyDataEnd(int absolute) {
        final char[] b = buf;
        final int n = length;
        int line = absolute - base;
        while (line < n) {
            if (b[line] == '\\' && line + 1 < n && b[line + 1] == '.') {
                int after = line + 2;
                if (after == n || b[after] == '\n' || (b[after] == '\r' && (after + 1 == n || b[after + 1] == '\n'))) {
                    return base + after;
                }
            }
            int i = line;
            while (i < n && b[i] != '\n') {
                i++;
            }
            line = i + 1;
        }
        return -1;
    }

    /** The next token or comment, or null at the end of the range (or the current limit). */
    Token next() {
        final char[] b = buf;
        final int lim = limit;
        int p = pos;
        while (true) {
            while (p < lim) {
                char c = b[p];
                if (c < 128 && (CLASS[c] & SPACE) != 0) {
                    if (c == '\n' || c == '\r') {
                        newlineSinceString = true;
                    }
                    p++;
                } else {
                    break;
                }
            }
            if (p >= lim) {
                pos = p;
                return null;
            }
            char c = b[p];
            Token t;
            switch (c) {
                case '-':
                    if (p + 1 < lim && b[p + 1] == '-') {
                        t = lineComment(p);
                    } else {
                        t = operator(p);
                    }
                    break;
                case '/':
                    if (p + 1 < lim && b[p + 1] == '*') {
                        t = blockComment(p);
                    } else {
                        t = operator(p);
                    }
                    break;
                case '\'':
                    t = quoted(p, p, escapeContinues && newlineSinceString ? Quote.ESCAPE : Quote.PLAIN);
                    break;
                case '"':
                    t = quotedIdentifier(p, p);
                    break;
                case '$':
                    t = dollar(p);
                    break;
                case 'E':
                case 'e':
                    t = p + 1 < lim && b[p + 1] == '\'' ? quoted(p, p + 1, Quote.ESCAPE) : word(p);
                    break;
                case 'B':
                case 'b':
                case 'X':
                case 'x':
                    t = p + 1 < lim && b[p + 1] == '\'' ? quoted(p, p + 1, Quote.NO_DOUBLING) : word(p);
                    break;
                case 'N':
                case 'n':
                    t = p + 1 < lim && b[p + 1] == '\'' ? quoted(p, p + 1, Quote.PLAIN) : word(p);
                    break;
                case 'U':
                case 'u':
                    if (p + 2 < lim && b[p + 1] == '&' && b[p + 2] == '\'') {
                        t = quoted(p, p + 2, Quote.PLAIN);
                    } else if (p + 2 < lim && b[p + 1] == '&' && b[p + 2] == '"') {
                        t = quotedIdentifier(p, p + 2);
                    } else {
                        t = word(p);
                    }
                    break;
                case ';':
                case ',':
                case '(':
                case ')':
                case '[':
                case ']':
                    t = make(TokenType.PUNCTUATION, p, p + 1, null);
                    break;
                case '.':
                    if (p + 1 < lim && isDigit(b[p + 1])) {
                        t = number(p);
                    } else if (p + 1 < lim && b[p + 1] == '.') {
                        t = make(TokenType.OPERATOR, p, p + 2, null);
                    } else {
                        t = make(TokenType.PUNCTUATION, p, p + 1, null);
                    }
                    break;
                case ':':
                    t = colon(p);
                    break;
                case '\\':
                    t = metaCommand(p);
                    break;
                default:
                    if (c >= 128 || (CLASS[c] & IDENT_START) != 0) {
                        t = word(p);
                    } else if ((CLASS[c] & DIGIT) != 0) {
                        t = number(p);
                    } else if ((CLASS[c] & OP_CHAR) != 0) {
                        t = operator(p);
                    } else {
                        invalid(p);
                        p++;
                        continue;
                    }
            }
            TokenType type = t.type();
            if (type != TokenType.LINE_COMMENT) {
                if (type == TokenType.STRING) {
                    newlineSinceString = false;
                } else {
                    escapeContinues = false;
                }
            }
            return t;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return c >= 128 || (CLASS[c] & IDENT_START) != 0;
    }

    /** After digits: an identifier glued to them ({@code 123abc}, {@code $1abc}) belongs to the same token. */
    private int identifierTail(int q) {
        final char[] b = buf;
        final int lim = limit;
        if (q < lim && isIdentStart(b[q])) {
            q++;
            while (q < lim && isIdentCont(b[q])) {
                q++;
            }
        }
        return q;
    }

    private static boolean isIdentCont(char c) {
        return c >= 128 || (CLASS[c] & IDENT_CONT) != 0;
    }

    /** Chars of a dollar-quote tag after the first: like an identifier but without {@code $}. */
    private static boolean isTagCont(char c) {
        return c >= 128 || (CLASS[c] & VAR_CHAR) != 0;
    }

    private static boolean isVarChar(char c) {
        return c >= 128 || (CLASS[c] & VAR_CHAR) != 0;
    }

    private static boolean isOpChar(char c) {
        return c < 128 && (CLASS[c] & OP_CHAR) != 0;
    }

    /** Creates a token for relative range [s, e); a null value means "same as the text". */
    private Token make(TokenType type, int s, int e, String value) {
        pos = e;
        char c = buf[s];
        String slice = e - s == 1 && c < 128 ? ONE_CHAR[c] : text.substring(base + s, base + e);
        return new Token(type, base + s, base + e, slice, value == null ? slice : value);
    }

    private void invalid(int p) {
        int abs = base + p;
        int n = problems.size();
        if (n > 0) {
            LexProblem last = problems.get(n - 1);
            if (last.kind() == LexProblem.Kind.INVALID_CHARACTER && last.end() == abs) {
                problems.set(n - 1, new LexProblem(last.kind(), last.start(), abs + 1, last.detail()));
                return;
            }
        }
        problems.add(new LexProblem(LexProblem.Kind.INVALID_CHARACTER, abs, abs + 1,
                "invalid character " + describe(buf[p])));
    }

    private static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private void unterminated(LexProblem.Kind kind, int start, String detail) {
        problems.add(new LexProblem(kind, base + start, base + limit, detail));
    }

    /** Offset of the first line break at or after {@code q}, or the limit. */
    private int lineEnd(int q) {
        final char[] b = buf;
        final int lim = limit;
        while (q < lim && b[q] != '\n' && b[q] != '\r') {
            q++;
        }
        return q;
    }

    private Token lineComment(int p) {
        return make(TokenType.LINE_COMMENT, p, lineEnd(p + 2), null);
    }

    private Token blockComment(int p) {
        final char[] b = buf;
        final int lim = limit;
        int depth = 1;
        int q = p + 2;
        while (q < lim) {
            char c = b[q];
            if (c == '*' && q + 1 < lim && b[q + 1] == '/') {
                q += 2;
                if (--depth == 0) {
                    return make(TokenType.BLOCK_COMMENT, p, q, null);
                }
            } else if (c == '/' && q + 1 < lim && b[q + 1] == '*') {
                q += 2;
                depth++;
            } else {
                q++;
            }
        }
        unterminated(LexProblem.Kind.UNTERMINATED_BLOCK_COMMENT, p, "unterminated block comment");
        return make(TokenType.BLOCK_COMMENT, p, lim, null);
    }

    private Token metaCommand(int p) {
        return make(TokenType.META_COMMAND, p, lineEnd(p + 1), null);
    }

    private Token word(int p) {
        final char[] b = buf;
        final int lim = limit;
        int q = p + 1;
        char first = b[p];
        boolean upper = first >= 'A' && first <= 'Z';
        int h = first;
        while (q < lim) {
            char c = b[q];
            if (c >= 128 || (CLASS[c] & IDENT_CONT) != 0) {
                if (c >= 'A' && c <= 'Z') {
                    upper = true;
                }
                h = 31 * h + c;
                q++;
            } else {
                break;
            }
        }
        pos = q;
        int len = q - p;
        // keywords and identifiers repeat a lot: reuse the strings of an identical earlier word
        int slot = (h ^ (h >>> 11)) & (WORD_CACHE_SIZE - 1);
        String[] texts = wordTexts;
        String cached = texts[slot];
        if (cached != null && cached.length() == len && text.regionMatches(base + p, cached, 0, len)) {
            return new Token(TokenType.WORD, base + p, base + q, cached, wordValues[slot]);
        }
        String slice = text.substring(base + p, base + q);
        String value = slice;
        if (upper) {
            char[] lower = new char[len];
            for (int i = 0; i < len; i++) {
                char c = b[p + i];
                lower[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
            value = new String(lower);
        }
        texts[slot] = slice;
        wordValues[slot] = value;
        return new Token(TokenType.WORD, base + p, base + q, slice, value);
    }

    /** Decimal digits with single underscores between them; {@code q} is at a digit. */
    private int decimalDigits(int q) {
        final char[] b = buf;
        final int lim = limit;
        q++;
        while (q < lim) {
            char c = b[q];
            if (isDigit(c)) {
                q++;
            } else if (c == '_' && q + 1 < lim && isDigit(b[q + 1])) {
                q += 2;
            } else {
                break;
            }
        }
        return q;
    }

    private static boolean isRadixDigit(char c, int radix) {
        if (radix == 16) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        return c >= '0' && c < '0' + radix;
    }

    private Token number(int p) {
        final char[] b = buf;
        final int lim = limit;
        int q = -1;
        if (b[p] == '0' && p + 1 < lim) {
            char k = b[p + 1];
            int radix = k == 'x' || k == 'X' ? 16 : k == 'o' || k == 'O' ? 8 : k == 'b' || k == 'B' ? 2 : 0;
            if (radix != 0) {
                int r = p + 2;
                while (r < lim) {
                    if (isRadixDigit(b[r], radix)) {
                        r++;
                    } else if (b[r] == '_' && r + 1 < lim && isRadixDigit(b[r + 1], radix)) {
                        r += 2;
                    } else {
                        break;
                    }
                }
                if (r > p + 2 && b[p + 2] != '_') {
                    q = r;
                }
            }
        }
        if (q < 0) {
            if (b[p] == '.') {
                q = decimalDigits(p + 1);
            } else {
                q = decimalDigits(p);
                // "1..10" is an integer followed by "..", as in PL/pgSQL FOR loops
                if (q < lim && b[q] == '.' && !(q + 1 < lim && b[q + 1] == '.')) {
                    q++;
                    if (q < lim && isDigit(b[q])) {
                        q = decimalDigits(q);
                    }
                }
            }
            if (q < lim && (b[q] == 'e' || b[q] == 'E')) {
                int r = q + 1;
                if (r < lim && (b[r] == '+' || b[r] == '-')) {
                    r++;
                }
                if (r < lim && isDigit(b[r])) {
                    q = decimalDigits(r);
                }
            }
        }
        // trailing junk such as "123abc" is one (invalid) literal for the server, never a word of its own
        return make(TokenType.NUMBER, p, identifierTail(q), null);
    }

    private Token operator(int p) {
        final char[] b = buf;
        final int lim = limit;
        int q = p;
        while (q < lim && isOpChar(b[q])) {
            char c = b[q];
            if (q > p && q + 1 < lim && ((c == '-' && b[q + 1] == '-') || (c == '/' && b[q + 1] == '*'))) {
                break; // a comment starts inside the operator chars
            }
            q++;
        }
        int n = q - p;
        if (n > 1 && (b[q - 1] == '+' || b[q - 1] == '-')) {
            boolean keep = false;
            for (int i = p; i < q - 1; i++) {
                char c = b[i];
                if (c == '~' || c == '!' || c == '@' || c == '#' || c == '^' || c == '&' || c == '|' || c == '`'
                        || c == '?' || c == '%') {
                    keep = true;
                    break;
                }
            }
            if (!keep) {
                // SQL operators cannot end in + or -: "=-1" is "=" then "-1"
                do {
                    q--;
                } while (q - p > 1 && (b[q - 1] == '+' || b[q - 1] == '-'));
            }
        }
        return make(TokenType.OPERATOR, p, q, null);
    }

    private Token colon(int p) {
        final char[] b = buf;
        final int lim = limit;
        if (p + 1 < lim) {
            char c = b[p + 1];
            if (c == ':' || c == '=') {
                return make(TokenType.OPERATOR, p, p + 2, null);
            }
            if (isVarChar(c)) {
                int q = p + 2;
                while (q < lim && isVarChar(b[q])) {
                    q++;
                }
                return make(TokenType.PSQL_VARIABLE, p, q, null);
            }
            if (c == '\'' || c == '"') {
                int q = p + 2;
                while (q < lim && isVarChar(b[q])) {
                    q++;
                }
                if (q > p + 2 && q < lim && b[q] == c) {
                    return make(TokenType.PSQL_VARIABLE, p, q + 1, null);
                }
            }
            if (c == '{' && p + 2 < lim && b[p + 2] == '?') {
                int q = p + 3;
                while (q < lim && isVarChar(b[q])) {
                    q++;
                }
                if (q > p + 3 && q < lim && b[q] == '}') {
                    return make(TokenType.PSQL_VARIABLE, p, q + 1, null);
                }
            }
        }
        return make(TokenType.OPERATOR, p, p + 1, null);
    }

    private Token dollar(int p) {
        final char[] b = buf;
        final int lim = limit;
        int q = p + 1;
        if (q < lim && isDigit(b[q])) {
            return make(TokenType.PARAMETER, p, identifierTail(decimalDigits(q)), null);
        }
        if (q < lim && (b[q] == '$' || isIdentStart(b[q]))) {
            int r = q;
            if (b[r] != '$') {
                r++;
                while (r < lim && isTagCont(b[r])) {
                    r++;
                }
            }
            if (r < lim && b[r] == '$') {
                int tagLen = r - q;
                int bodyStart = r + 1;
                int i = bodyStart;
                while (i < lim) {
                    if (b[i] == '$' && closesTag(i, q, tagLen)) {
                        int end = i + tagLen + 2;
                        return make(TokenType.DOLLAR_STRING, p, end, text.substring(base + bodyStart, base + i));
                    }
                    i++;
                }
                String delimiter = text.substring(base + p, base + r + 1);
                unterminated(LexProblem.Kind.UNTERMINATED_DOLLAR_STRING, p,
                        "unterminated dollar-quoted string " + delimiter);
                return make(TokenType.DOLLAR_STRING, p, lim, text.substring(base + bodyStart, base + lim));
            }
        }
        // a lone "$" (psql passes it on; the server rejects it)
        return make(TokenType.OPERATOR, p, p + 1, null);
    }

    /** True when {@code $tag$} starts at relative index {@code i} for the tag at {@code tagStart}. */
    private boolean closesTag(int i, int tagStart, int tagLen) {
        final char[] b = buf;
        int close = i + 1 + tagLen;
        if (close >= limit || b[close] != '$') {
            return false;
        }
        for (int k = 0; k < tagLen; k++) {
            if (b[i + 1 + k] != b[tagStart + k]) {
                return false;
            }
        }
        return true;
    }

    private Token quotedIdentifier(int p, int quote) {
        final char[] b = buf;
        final int lim = limit;
        int q = quote + 1;
        int seg = q;
        StringBuilder sb = null;
        while (q < lim) {
            if (b[q] == '"') {
                if (q + 1 < lim && b[q + 1] == '"') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(b, seg, q + 1 - seg);
                    q += 2;
                    seg = q;
                    continue;
                }
                String value = sb == null ? text.substring(base + seg, base + q) : sb.append(b, seg, q - seg).toString();
                return make(TokenType.QUOTED_IDENTIFIER, p, q + 1, value);
            }
            q++;
        }
        unterminated(LexProblem.Kind.UNTERMINATED_QUOTED_IDENTIFIER, p, "unterminated quoted identifier");
        String value = sb == null ? text.substring(base + seg, base + lim) : sb.append(b, seg, lim - seg).toString();
        return make(TokenType.QUOTED_IDENTIFIER, p, lim, value);
    }

    /** A string literal starting at {@code p} whose opening quote is at {@code quote}. */
    private Token quoted(int p, int quote, Quote mode) {
        final char[] b = buf;
        final int lim = limit;
        int q = quote + 1;
        int seg = q;
        StringBuilder sb = null;
        while (q < lim) {
            char c = b[q];
            if (c == '\'') {
                if (mode != Quote.NO_DOUBLING && q + 1 < lim && b[q + 1] == '\'') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(b, seg, q + 1 - seg);
                    q += 2;
                    seg = q;
                    continue;
                }
                String value = sb == null ? text.substring(base + seg, base + q) : sb.append(b, seg, q - seg).toString();
                escapeContinues = mode == Quote.ESCAPE;
                return make(TokenType.STRING, p, q + 1, value);
            }
            if (c == '\\' && mode == Quote.ESCAPE) {
                if (q + 1 >= lim) {
                    break;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(b, seg, q - seg);
                q = escape(q, sb);
                seg = q;
                continue;
            }
            q++;
        }
        unterminated(LexProblem.Kind.UNTERMINATED_STRING, p, "unterminated quoted string");
        String value = sb == null ? text.substring(base + seg, base + lim) : sb.append(b, seg, lim - seg).toString();
        escapeContinues = false;
        return make(TokenType.STRING, p, lim, value);
    }

    /** Decodes the backslash escape at {@code q} (followed by at least one char) into {@code sb}; returns the next index. */
    private int escape(int q, StringBuilder sb) {
        final char[] b = buf;
        final int lim = limit;
        char c = b[q + 1];
        switch (c) {
            case 'b':
                sb.append('\b');
                return q + 2;
            case 'f':
                sb.append('\f');
                return q + 2;
            case 'n':
                sb.append('\n');
                return q + 2;
            case 'r':
                sb.append('\r');
                return q + 2;
            case 't':
                sb.append('\t');
                return q + 2;
            case 'x': {
                int r = q + 2;
                int v = 0;
                while (r < lim && r < q + 4 && isRadixDigit(b[r], 16)) {
                    v = v * 16 + Character.digit(b[r], 16);
                    r++;
                }
                if (r == q + 2) {
                    sb.append('x');
                    return r;
                }
                sb.append((char) v);
                return r;
            }
            case 'u':
            case 'U': {
                int digits = c == 'u' ? 4 : 8;
                int r = q + 2;
                int v = 0;
                while (r < lim && r < q + 2 + digits && isRadixDigit(b[r], 16)) {
                    v = v * 16 + Character.digit(b[r], 16);
                    r++;
                }
                if (r != q + 2 + digits) {
                    sb.append(c);
                    return q + 2;
                }
                if (Character.isValidCodePoint(v)) {
                    sb.appendCodePoint(v);
                } else {
                    sb.append('\uFFFD');
                }
                return r;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int r = q + 1;
                    int v = 0;
                    while (r < lim && r < q + 4 && b[r] >= '0' && b[r] <= '7') {
                        v = v * 8 + (b[r] - '0');
                        r++;
                    }
                    sb.append((char) (v & 0xFF));
                    return r;
                }
                sb.append(c);
                return q + 2;
        }
    }
}
