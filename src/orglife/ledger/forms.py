"""Forms of the ledger pages: they only shape input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from orglife.ledger.models import Category, Kind, RectificationItem, Source
from orglife.ledger.selectors import people_for
from orglife.orgs.models import Organization
from orglife.orgs.selectors import person_labels

WIDE = ("title", "description", "root_cause", "measures", "acceptance_criteria", "plan", "note")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(forms.ModelChoiceField):
    """People by name; the form sets ``labels`` so two people of one name can be told apart."""

    labels: dict[int, str] = {}

    def label_from_instance(self, obj) -> str:
        return self.labels.get(obj.pk, obj.display_name)


class ItemForm(forms.Form):
    title = forms.CharField(label="问题", max_length=200)
    category = forms.ChoiceField(label="问题类别", choices=Category.choices)
    source = forms.ChoiceField(label="问题来源", choices=Source.choices, initial=Source.MEETING)
    meeting_year = forms.IntegerField(
        label="会议年度", required=False, min_value=2000, max_value=2100
    )
    description = forms.CharField(label="问题表现", widget=forms.Textarea(attrs={"rows": 4}))
    root_cause = forms.CharField(
        label="原因剖析", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    measures = forms.CharField(
        label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    acceptance_criteria = forms.CharField(
        label="整改标准",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="做到什么程度算整改到位，验收时对照检查。",
    )
    kind = forms.ChoiceField(label="整改类型", choices=Kind.choices, initial=Kind.DEADLINE)
    owner = PersonChoice(label="责任人", queryset=None, required=False)
    leader = PersonChoice(label="责任领导", queryset=None, required=False)
    deadline = forms.DateField(
        label="完成时限",
        required=False,
        widget=DATE,
        help_text="长期坚持事项不填；立行立改、限期整改不填时默认会后 15 天。",
    )
    progress_interval_days = forms.IntegerField(
        label="进展报送周期（天）",
        required=False,
        min_value=1,
        max_value=366,
        help_text="仅长期坚持事项：超过周期未报送进展即为逾期。",
    )
    funds = forms.DecimalField(
        label="整改资金（元）", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    funds_source = forms.CharField(label="资金来源", required=False, max_length=100)
    plan = forms.CharField(label="预案", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label="修改说明", required=False, max_length=500)

    def __init__(self, *args: Any, org: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_for(org)
        labels = person_labels(list(people))
        for name in ("owner", "leader"):
            field = self.fields[name]
            assert isinstance(field, PersonChoice)  # declared above
            field.queryset = people
            field.labels = labels
        for f in self.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs["class"] = css

    def item_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "note"}
        if data.get("kind") == Kind.LONG_TERM:
            data["deadline"] = None
        return data

    @classmethod
    def initial_for(cls, item: RectificationItem) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n != "note"]
        return {n: getattr(item, n) for n in names}
