from django.urls import path

from .register import RegisterView

app_name = "programmes"

urlpatterns = [
    path("", RegisterView.as_view(), name="register"),
]
