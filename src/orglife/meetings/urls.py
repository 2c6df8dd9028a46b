from django.urls import path

from orglife.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.review, name="review"),
    path("materials/", views.material_list, name="materials"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/dismiss/", views.material_dismiss, name="dismiss"),
    path("materials/<int:pk>/official.docx", views.material_docx, name="docx"),
    path("materials/<int:pk>/ledger/", views.material_to_ledger, name="to_ledger"),
    path("similar/", views.similar, name="similar"),
    path("similar/compare/<str:a>/<str:b>/", views.similar_compare, name="compare"),
    path("similar/references/", views.similar_references, name="references"),
]
