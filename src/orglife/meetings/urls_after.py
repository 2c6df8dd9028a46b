from django.urls import path

from orglife.meetings import views_after as v

urlpatterns = [
    path("board/", v.board_page, name="board"),
    path("<int:pk>/after/", v.after_hub, name="after"),
    path("<int:pk>/record/", v.record_page, name="record"),
    path("<int:pk>/criticisms/", v.criticisms_page, name="criticisms"),
    path("<int:pk>/criticisms/add/", v.criticism_add, name="criticism_add"),
    path("<int:pk>/evaluation/", v.evaluation_page, name="evaluation"),
    path("<int:pk>/evaluation/self/", v.evaluation_self, name="evaluation_self"),
    path("<int:pk>/evaluation/ballot/", v.evaluation_ballot, name="evaluation_ballot"),
    path("<int:pk>/evaluation/close/", v.evaluation_close, name="evaluation_close"),
    path("<int:pk>/evaluation/results/", v.evaluation_results, name="evaluation_results"),
    path("<int:pk>/ledger/", v.ledger_make, name="ledger_make"),
    path("<int:pk>/report/", v.report_page, name="report"),
    path("<int:pk>/report/move/", v.report_move, name="report_move"),
]
