#pragma once

#include "core/policy/Policy.h"

namespace Postern::Policy {

struct TemplateOptions
{
    QStringList domains;                 // encrypt-domains
    Fallback fallback = Fallback::Clear; // encrypt-when-possible
};

/** The templates by name, in the order a wizard offers them. The first three are the three
 *  known answers to encrypted invitations. */
QStringList templateNames();

/** One line on what a template does, for `policy templates` and the wizard. */
QString templateSummary(const QString &name);

Checked<Policy> makeTemplate(const QString &name, const TemplateOptions &options = {});

} // namespace Postern::Policy
