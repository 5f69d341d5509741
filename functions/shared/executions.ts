/** The ARN of a state machine's execution, from the machine's ARN and the execution's name (request ids name them). */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
