"""What every guarded action raises when it may not be taken: each reason, ready to show a person
and to list as messages (`report`)."""

from django.contrib import messages


class Refused(Exception):
    def __init__(self, problems):
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


def report(request, refusal):
    for problem in refusal.problems:
        messages.error(request, problem)
