package io.recpipe.common.empowerid;

/** The status and body of one HTTP answer from EmpowerID. */
record WireResponse(int status, byte[] body) {

  boolean isServerError() {
    return status >= 500;
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
