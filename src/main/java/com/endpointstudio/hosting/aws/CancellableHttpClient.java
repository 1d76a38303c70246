package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.task.CancelToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The session's HTTP client, made cancellable: a request sent on a thread whose current
 * {@link CancelToken} is cancelled is aborted (its connection closed) until its response body is
 * read, so Cancel ends a slow SDK call at once instead of when AWS answers, and it is not sent
 * again. The synchronous SDK clients send on the calling thread, which is how the token is found.
 */
final class CancellableHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;

    CancellableHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        CancelToken token = CancelToken.current();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // Unchecked, so the SDK does not send a cancelled request again as it retries I/O errors.
                token.throwIfCancelled();
                CancelToken.Registration abort = token.onCancel(prepared::abort);
                HttpExecuteResponse response;
                try {
                    response = prepared.call();
                } catch (IOException | RuntimeException e) {
                    abort.close();
                    token.throwIfCancelled();
                    throw e;
                }
                if (response.responseBody().isEmpty()) {
                    abort.close();
                    return response;
                }
                // The body is read after call() returns: the abort stays registered until it is closed.
                AbortableInputStream body = response.responseBody().get();
                InputStream released = new FilterInputStream(body) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            abort.close();
                        }
                    }
                };
                return HttpExecuteResponse.builder().response(response.httpResponse())
                        .responseBody(AbortableInputStream.create(released, body)).build();
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
