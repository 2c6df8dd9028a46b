"""Errors shared by the pure core and the CLI."""


class InputError(Exception):
    """Bad input from a user: a file that cannot be read as a material.

    ``message`` is the Chinese line shown to users, ``english`` the line for logs.
    """

    def __init__(self, message: str, english: str) -> None:
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english

    def line(self) -> str:
        return f"错误：{self.message} / error: {self.english}"
