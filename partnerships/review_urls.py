from django.urls import path

from . import review, review_actions, review_queue

app_name = "review"

urlpatterns = [
    path("", review_queue.queue, name="queue"),
    path("<str:reference>/", review.proposal_detail, name="proposal"),
    path("<str:reference>/comment/", review.comment, name="comment"),
    path("<str:reference>/requests/<int:pk>/answer/", review.answer, name="answer"),
    path("<str:reference>/candidates/", review.suggest, name="suggest"),
    path("<str:reference>/matches/<int:city_pk>/", review.suggest_match, name="suggest_match"),
    path(
        "<str:reference>/candidates/<int:pk>/<str:decision>/", review_actions.decide, name="decide"
    ),
    path("<str:reference>/step/<str:verb>/", review_actions.step, name="step"),
    path("<str:reference>/documents/<int:pk>/", review.document, name="document"),
    path(
        "<str:reference>/approvals/<int:pk>/document/",
        review.approval_document,
        name="approval_document",
    ),
]
