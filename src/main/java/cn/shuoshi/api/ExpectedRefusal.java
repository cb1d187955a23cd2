package cn.shuoshi.api;

/**
 * An exception the service throws on purpose to refuse a call and answers with a 4xx naming the reason
 * (a form that fails its checks, a password against the rules). The engine logs a failed command at
 * ERROR; for these that is no error of the service, so {@link ExpectedRefusalLogFilter} keeps them out.
 */
public interface ExpectedRefusal {}
