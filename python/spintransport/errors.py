"""Errors and warnings of the spintransport package."""


class ParameterError(ValueError):
    """A parameter value outside its domain (or an unknown parameter), before anything runs.

    `parameter` is the keyword (the catalogue id, `gamma_eV`), `value` the value as the library
    read it, `allowed` what is accepted, in words. `str(error)` is the command line's error
    text with the keyword in place of the flag; `cli_message` is the command line's text itself
    (`invalid value for --gamma: …`).
    """

    def __init__(self, message, parameter, value, allowed, cli_message=None, flag=None):
        super().__init__(message)
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
        self.cli_message = cli_message or message
        self.flag = flag


class ComputationError(RuntimeError):
    """A computation that failed for a reason other than a parameter value."""


class NumericalWarning(UserWarning):
    """Numerical trouble in a result (an ill-conditioned eigenproblem, a NaN column, an
    unconverged iteration); the message carries the number that shows it."""
