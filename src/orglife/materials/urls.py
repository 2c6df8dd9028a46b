from django.urls import path

from orglife.materials import views

app_name = "materials"
urlpatterns = [
    path("", views.review, name="review"),
    path("save/", views.save_checked, name="save_checked"),
    path("materials/", views.material_list, name="materials"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/dismiss/", views.material_dismiss, name="dismiss"),
    path("materials/<int:pk>/official.docx", views.material_docx, name="docx"),
    path("materials/<int:pk>/ledger/", views.material_to_ledger, name="to_ledger"),
    path("materials/<int:pk>/move/", views.material_move, name="move"),
    path("materials/<int:pk>/recheck/", views.material_recheck, name="recheck"),
    path("materials/<int:pk>/diff/", views.material_diff, name="diff"),
]
