package io.recpipe.common.empowerid;

/** A call was refused without trying because the circuit is open; transient. */
public class CircuitOpenException extends EmpowerIdException {

  public CircuitOpenException(String message) {
    super(message, true);
  }
}
