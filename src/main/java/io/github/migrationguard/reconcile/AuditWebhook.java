package io.github.migrationguard.reconcile;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Posts an audit record to a webhook (a chat channel, an incident tool, a log collector) after an apply.
 *
 * <p>A webhook is a notification, not part of the apply: {@link #post} never throws, it returns a {@link Result}
 * whose message the caller logs. Redirects are not followed (the body would go to a host nobody configured), and
 * messages never show the user-info or the query of the URL, which often carry tokens.
 */
public final class AuditWebhook {

    /** The {@code User-Agent} of every post. */
    public static final String USER_AGENT = "migration-guard";

    private AuditWebhook() {
    }

    /**
     * How a post ended.
     *
     * @param delivered true when the webhook answered with a 2xx status
     * @param status    the HTTP status of the answer; 0 when there was none
     * @param message   one line for the build log, naming the URL as {@link #display(URI)} shows it
     */
    public record Result(boolean delivered, int status, String message) {
    }

    /**
     * Posts {@code json} to {@code url} with {@code Content-Type: application/json}.
     *
     * @param timeout how long the whole post may take: connecting, sending and the answer
     */
    public static Result post(URI url, String json, Duration timeout) {
        String shown = display(url);
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return failed("audit webhook " + shown + " is not an http or https URL; nothing was posted");
        }
        if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            return failed("audit webhook " + shown + " names no host; nothing was posted");
        }
        if (json == null) {
            return failed("no audit record to post to " + shown);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return failed("the timeout of audit webhook " + shown + " must be positive, not " + timeout);
        }
        CompletableFuture<HttpResponse<Void>> answer;
        try {
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            return failed("could not post to audit webhook " + shown + ": " + describe(e, url));
        }
        try {
            // the request timeout covers only the wait for the status line; this bounds the whole exchange
            HttpResponse<Void> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return answered(response.statusCode(), shown);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return failed("audit webhook " + shown + " did not answer within " + seconds(timeout));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return failed("interrupted while posting to audit webhook " + shown);
        } catch (ExecutionException | CancellationException e) {
            return failed(why(e.getCause() == null ? e : e.getCause(), url, shown, timeout));
        }
    }

    /**
     * The URL as messages show it: the user-info and the query (and a fragment) replaced by {@code ***}, e.g.
     * {@code https://***@hooks.example.com/x?***}.
     */
    public static String display(URI url) {
        if (url == null) {
            return "(no URL)";
        }
        StringBuilder out = new StringBuilder();
        if (url.getScheme() != null) {
            out.append(url.getScheme()).append(':');
        }
        if (url.isOpaque()) {
            // mailto:, urn: and the like: everything after the scheme may be private
            return out.append("***").toString();
        }
        String authority = url.getRawAuthority();
        if (authority != null) {
            out.append("//");
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                out.append("***@");
                authority = authority.substring(at + 1);
            }
            out.append(authority);
        }
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            // Slack, Discord and Teams carry the secret in the path: show only its first segment
            int second = path.indexOf('/', 1);
            out.append(second < 0 ? "/***" : path.substring(0, second) + "/***");
        } else if (path != null) {
            out.append(path);
        }
        if (url.getRawQuery() != null) {
            out.append("?***");
        }
        if (url.getRawFragment() != null) {
            out.append("#***");
        }
        return oneLine(out.toString());
    }

    private static Result answered(int status, String shown) {
        if (status >= 200 && status < 300) {
            return new Result(true, status, "audit record posted to " + shown + " (HTTP " + status + ")");
        }
        String redirect = status >= 300 && status < 400 ? "; redirects are not followed, configure the final URL" : "";
        return new Result(false, status, "audit webhook " + shown + " answered HTTP " + status + redirect);
    }

    private static String why(Throwable cause, URI url, String shown, Duration timeout) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "audit webhook " + shown + ": unknown host " + oneLine(url.getHost());
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "could not connect to audit webhook " + shown + " within " + seconds(timeout);
            }
            if (t instanceof HttpTimeoutException) {
                return "audit webhook " + shown + " did not answer within " + seconds(timeout);
            }
            if (t instanceof ConnectException) {
                return "could not connect to audit webhook " + shown + ": connection refused";
            }
            if (t instanceof SSLException) {
                return "TLS with audit webhook " + shown + " failed: " + describe(t, url);
            }
            if (t instanceof CancellationException) {
                return "posting to audit webhook " + shown + " was cancelled";
            }
        }
        String what = cause instanceof IOException ? "" : "unexpected ";
        return "could not post to audit webhook " + shown + ": " + what + describe(cause, url);
    }

    /** The exception's message, on one line, with the secret parts of the URL masked should it quote them. */
    private static String describe(Throwable t, URI url) {
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        if (url != null) {
            text = mask(text, url.getRawUserInfo());
            text = mask(text, url.getUserInfo());
            text = mask(text, url.getRawQuery());
            text = mask(text, url.getQuery());
            text = mask(text, url.getRawFragment());
            text = mask(text, url.getFragment());
        }
        return oneLine(text);
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }

    private static Result failed(String message) {
        return new Result(false, 0, message);
    }

    /** {@code 5 s}, {@code 1500 ms}. */
    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Control characters (line breaks included) become spaces, so a message stays one line. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp)
                || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        return out.toString();
    }
}
